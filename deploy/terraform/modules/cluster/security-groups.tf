# Three security groups, every rule stated: the control plane, the nodes, and the load balancer in front of the
# ingress controller (the only group open to the internet, on 443). Rules are data so tests can read them all.
resource "aws_security_group" "cluster" {
  name        = "${var.name}-control-plane"
  description = "EKS control plane ENIs: nodes reach the API, the API reaches kubelets and webhooks"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-control-plane" })
}

resource "aws_security_group" "nodes" {
  name        = "${var.name}-nodes"
  description = "EKS nodes and pods"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-nodes" })
}

resource "aws_security_group" "ingress" {
  name        = "${var.name}-ingress-load-balancer"
  description = "Load balancer of the ingress controller: HTTPS in, the controller pods out"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-ingress-load-balancer" })
}

locals {
  security_groups = {
    cluster = aws_security_group.cluster.id
    nodes   = aws_security_group.nodes.id
    ingress = aws_security_group.ingress.id
  }

  # peer is either a security group name above or a CIDR.
  ingress_rules = merge(
    {
      cluster-from-nodes-api  = { group = "cluster", peer = "nodes", protocol = "tcp", from = 443, to = 443 }
      nodes-from-nodes-all    = { group = "nodes", peer = "nodes", protocol = "-1", from = null, to = null }
      nodes-from-cluster-api  = { group = "nodes", peer = "cluster", protocol = "tcp", from = 443, to = 443 }
      nodes-from-cluster-high = { group = "nodes", peer = "cluster", protocol = "tcp", from = 1025, to = 65535 }
      nodes-from-ingress-lb   = { group = "nodes", peer = "ingress", protocol = "tcp", from = var.ingress_target_port, to = var.ingress_target_port }
    },
    { for i, cidr in var.ingress_cidrs : "ingress-https-from-${i}" => { group = "ingress", peer = cidr, protocol = "tcp", from = 443, to = 443 } },
  )

  egress_rules = {
    cluster-to-nodes-api  = { group = "cluster", peer = "nodes", protocol = "tcp", from = 443, to = 443 }
    cluster-to-nodes-high = { group = "cluster", peer = "nodes", protocol = "tcp", from = 1025, to = 65535 }
    nodes-to-nodes-all    = { group = "nodes", peer = "nodes", protocol = "-1", from = null, to = null }
    nodes-to-cluster-api  = { group = "nodes", peer = "cluster", protocol = "tcp", from = 443, to = 443 }
    nodes-to-vpc-dns-udp  = { group = "nodes", peer = var.vpc_cidr_block, protocol = "udp", from = 53, to = 53 }
    nodes-to-vpc-dns-tcp  = { group = "nodes", peer = var.vpc_cidr_block, protocol = "tcp", from = 53, to = 53 }
    # AWS APIs, ECR, STS for IRSA and the external chat provider; NetworkPolicies narrow this per pod.
    nodes-to-https-anywhere = { group = "nodes", peer = "0.0.0.0/0", protocol = "tcp", from = 443, to = 443 }
    ingress-to-nodes        = { group = "ingress", peer = "nodes", protocol = "tcp", from = var.ingress_target_port, to = var.ingress_target_port }
  }
}

resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = local.ingress_rules

  security_group_id            = local.security_groups[each.value.group]
  description                  = each.key
  ip_protocol                  = each.value.protocol
  from_port                    = each.value.from
  to_port                      = each.value.to
  referenced_security_group_id = lookup(local.security_groups, each.value.peer, null)
  cidr_ipv4                    = contains(keys(local.security_groups), each.value.peer) ? null : each.value.peer
  tags                         = merge(var.tags, { Name = each.key })
}

resource "aws_vpc_security_group_egress_rule" "this" {
  for_each = local.egress_rules

  security_group_id            = local.security_groups[each.value.group]
  description                  = each.key
  ip_protocol                  = each.value.protocol
  from_port                    = each.value.from
  to_port                      = each.value.to
  referenced_security_group_id = lookup(local.security_groups, each.value.peer, null)
  cidr_ipv4                    = contains(keys(local.security_groups), each.value.peer) ? null : each.value.peer
  tags                         = merge(var.tags, { Name = each.key })
}
