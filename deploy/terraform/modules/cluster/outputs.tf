output "name" {
  description = "Cluster name (aws eks update-kubeconfig --name ...)."
  value       = aws_eks_cluster.this.name
}

output "endpoint" {
  description = "API server URL."
  value       = aws_eks_cluster.this.endpoint
}

output "certificate_authority" {
  description = "Base64 CA bundle of the API server."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "endpoint_public_access" {
  description = "Whether the API server is reachable from the internet (from public_access_cidrs only)."
  value       = aws_eks_cluster.this.vpc_config[0].endpoint_public_access
}

output "endpoint_private_access" {
  description = "Whether the API server is reachable from inside the VPC."
  value       = aws_eks_cluster.this.vpc_config[0].endpoint_private_access
}

output "secrets_encryption_key_arn" {
  description = "KMS key that envelope-encrypts Kubernetes Secrets."
  value       = one(aws_eks_cluster.this.encryption_config[0].provider[*].key_arn)
}

output "encrypted_resources" {
  description = "Kubernetes resources envelope-encrypted with the KMS key."
  value       = aws_eks_cluster.this.encryption_config[0].resources
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster, for further IRSA roles."
  value       = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer_host" {
  description = "OIDC issuer without scheme, the prefix of IRSA trust-policy condition keys."
  value       = local.oidc_issuer_host
}

output "service_account_role_arns" {
  description = "IRSA role per cluster controller: cluster-autoscaler, ebs-csi-driver, load-balancer-controller."
  value       = { for name, role in aws_iam_role.service_account : name => role.arn }
}

output "node_security_group_id" {
  description = "Security group of every node (and pod): managed services admit it."
  value       = aws_security_group.nodes.id
}

output "ingress_security_group_id" {
  description = "Security group for the ingress controller's load balancer (service.beta.kubernetes.io/aws-load-balancer-security-groups)."
  value       = aws_security_group.ingress.id
}

output "node_groups" {
  description = "Every managed node group as planned: pool, zone, subnets, capacity, sizes, instance types."
  value = {
    for name, group in aws_eks_node_group.this : name => {
      pool           = local.node_groups[name].pool
      zone           = local.node_groups[name].zone
      subnet_ids     = group.subnet_ids
      capacity_type  = group.capacity_type
      instance_types = group.instance_types
      min_size       = group.scaling_config[0].min_size
      max_size       = group.scaling_config[0].max_size
      desired_size   = group.scaling_config[0].desired_size
      tags           = group.tags
    }
  }
}

output "autoscaler_asg_tags" {
  description = "Tags set on each node group's Auto Scaling group for the Cluster Autoscaler, keyed group|tag."
  value       = { for key, tag in aws_autoscaling_group_tag.cluster_autoscaler : key => tag.tag[0].value }
}

output "security_group_rules" {
  description = "Every ingress and egress rule as planned, keyed by rule name."
  value = merge(
    { for name, rule in aws_vpc_security_group_ingress_rule.this : name => {
      direction  = "ingress", group = local.ingress_rules[name].group, protocol = rule.ip_protocol,
      from_port  = rule.from_port, to_port = rule.to_port, cidr_ipv4 = rule.cidr_ipv4,
      peer_group = rule.referenced_security_group_id
    } },
    { for name, rule in aws_vpc_security_group_egress_rule.this : name => {
      direction  = "egress", group = local.egress_rules[name].group, protocol = rule.ip_protocol,
      from_port  = rule.from_port, to_port = rule.to_port, cidr_ipv4 = rule.cidr_ipv4,
      peer_group = rule.referenced_security_group_id
    } },
  )
}

output "network_policy_enforced" {
  description = "Whether the VPC CNI add-on is configured to enforce Kubernetes NetworkPolicies."
  value       = jsondecode(aws_eks_addon.vpc_cni.configuration_values).enableNetworkPolicy == "true"
}
