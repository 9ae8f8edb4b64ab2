# Managed node groups: one per pool and zone. A group per zone lets the Cluster Autoscaler grow the zone a
# pending pod needs (EBS volumes are zonal) and, with --balance-similar-node-groups, keeps zones even.
locals {
  node_groups = merge([
    for pool_name, pool in var.node_pools : {
      for zone, subnet_id in var.private_subnet_ids : "${pool_name}-${zone}" => merge(pool, {
        pool      = pool_name
        zone      = zone
        subnet_id = subnet_id
        labels    = merge({ "node-pool" = pool_name }, pool.labels)
        taints = pool_name == "system" ? concat(
          [{ key = "CriticalAddonsOnly", value = "true", effect = "NO_SCHEDULE" }], pool.taints
        ) : pool.taints
      })
    }
  ]...)

  # Kubernetes spells taint effects NoSchedule; the EKS API spells them NO_SCHEDULE.
  taint_effects = { NO_SCHEDULE = "NoSchedule", NO_EXECUTE = "NoExecute", PREFER_NO_SCHEDULE = "PreferNoSchedule" }

  # Tags the Cluster Autoscaler reads from each Auto Scaling group: auto-discovery, and the node template it
  # needs to scale a group up from zero (labels, taints, zone).
  autoscaler_tags = merge([
    for group_name, group in local.node_groups : merge(
      {
        "${group_name}|k8s.io/cluster-autoscaler/enabled"                                         = "true"
        "${group_name}|k8s.io/cluster-autoscaler/${var.name}"                                     = "owned"
        "${group_name}|k8s.io/cluster-autoscaler/node-template/label/topology.kubernetes.io/zone" = group.zone
      },
      { for key, value in group.labels : "${group_name}|k8s.io/cluster-autoscaler/node-template/label/${key}" => value },
      { for taint in group.taints : "${group_name}|k8s.io/cluster-autoscaler/node-template/taint/${taint.key}" => "${taint.value}:${local.taint_effects[taint.effect]}" },
    )
  ]...)
}

resource "aws_iam_role" "node" {
  name = "${var.name}-eks-node"
  tags = var.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset([
    "AmazonEKSWorkerNodePolicy",
    "AmazonEKS_CNI_Policy",
    "AmazonEC2ContainerRegistryReadOnly",
    # Shell access through Session Manager instead of SSH keys and an open port 22.
    "AmazonSSMManagedInstanceCore",
  ])

  role       = aws_iam_role.node.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/${each.value}"
}

resource "aws_launch_template" "node" {
  for_each = var.node_pools

  name_prefix            = "${var.name}-${each.key}-"
  update_default_version = true
  vpc_security_group_ids = [aws_security_group.nodes.id]

  # IMDSv2 only, one hop: pods cannot borrow the node's role and must use their own (IRSA).
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = each.value.disk_size_gib
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(var.tags, { Name = "${var.name}-${each.key}" })
  }

  tags = var.tags
}

resource "aws_eks_node_group" "this" {
  for_each = local.node_groups

  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "${var.name}-${each.key}"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = [each.value.subnet_id]
  capacity_type   = each.value.capacity_type
  instance_types  = each.value.instance_types
  labels          = each.value.labels

  scaling_config {
    min_size     = each.value.min_per_zone
    desired_size = each.value.desired_per_zone
    max_size     = each.value.max_per_zone
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.node[each.value.pool].id
    version = aws_launch_template.node[each.value.pool].latest_version
  }

  dynamic "taint" {
    for_each = each.value.taints
    content {
      key    = taint.value.key
      value  = taint.value.value
      effect = taint.value.effect
    }
  }

  tags = merge(var.tags, {
    "k8s.io/cluster-autoscaler/enabled"     = "true"
    "k8s.io/cluster-autoscaler/${var.name}" = "owned"
  })

  # The Cluster Autoscaler owns the current size; Terraform owns only the bounds.
  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.node]
}

# Managed node groups tag their Auto Scaling groups with the discovery tags only; the node-template tags are
# set here so a group at zero nodes can still be chosen for a pod that needs its labels.
resource "aws_autoscaling_group_tag" "cluster_autoscaler" {
  for_each = local.autoscaler_tags

  autoscaling_group_name = aws_eks_node_group.this[split("|", each.key)[0]].resources[0].autoscaling_groups[0].name

  tag {
    key                 = split("|", each.key)[1]
    value               = each.value
    propagate_at_launch = false
  }
}
