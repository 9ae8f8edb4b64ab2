# The EBS CSI driver provisions the volumes of StatefulSets (the monitoring stack, an in-cluster Redis).
resource "aws_eks_addon" "ebs_csi_driver" {
  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = "aws-ebs-csi-driver"
  service_account_role_arn    = aws_iam_role.service_account["ebs-csi-driver"].arn
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"
  tags                        = var.tags

  # The add-on's controller pods need nodes to become healthy.
  depends_on = [aws_eks_node_group.this]
}

# The VPC CNI enforces NetworkPolicies (the manifests default-deny every pod and allow each edge).
resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = "vpc-cni"
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"
  configuration_values        = jsonencode({ enableNetworkPolicy = "true" })
  tags                        = var.tags
}
