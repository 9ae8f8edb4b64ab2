# IAM Roles for Service Accounts: the cluster's OIDC issuer is trusted by IAM, and each controller's service
# account may assume exactly its own role.
resource "aws_iam_openid_connect_provider" "this" {
  url            = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
  tags           = var.tags
}

locals {
  oidc_issuer_host = replace(aws_iam_openid_connect_provider.this.url, "https://", "")

  service_account_roles = {
    cluster-autoscaler       = { namespace = "kube-system", service_account = "cluster-autoscaler" }
    ebs-csi-driver           = { namespace = "kube-system", service_account = "ebs-csi-controller-sa" }
    load-balancer-controller = { namespace = "kube-system", service_account = "aws-load-balancer-controller" }
  }
}

resource "aws_iam_role" "service_account" {
  for_each = local.service_account_roles

  name = "${var.name}-${each.key}"
  tags = var.tags

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.this.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_issuer_host}:sub" = "system:serviceaccount:${each.value.namespace}:${each.value.service_account}"
          "${local.oidc_issuer_host}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "ebs_csi_driver" {
  role       = aws_iam_role.service_account["ebs-csi-driver"].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
}

# The Cluster Autoscaler may resize only Auto Scaling groups tagged as owned by this cluster.
resource "aws_iam_role_policy" "cluster_autoscaler" {
  name = "scale-own-node-groups"
  role = aws_iam_role.service_account["cluster-autoscaler"].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "autoscaling:DescribeTags",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
          "eks:DescribeNodegroup",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
        Resource = "*"
        Condition = {
          StringEquals = { "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.name}" = "owned" }
        }
      },
    ]
  })
}

# The load-balancer controller creates NLBs for Services and ALBs for Ingresses, and only touches
# load balancers and security groups it tagged for this cluster.
resource "aws_iam_role_policy" "load_balancer_controller" {
  name = "manage-cluster-load-balancers"
  role = aws_iam_role.service_account["load-balancer-controller"].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "ec2:Describe*",
          "elasticloadbalancing:Describe*",
          "acm:ListCertificates",
          "acm:DescribeCertificate",
          "wafv2:GetWebACLForResource",
          "shield:GetSubscriptionState",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = "iam:CreateServiceLinkedRole"
        Resource = "*"
        Condition = {
          StringEquals = { "iam:AWSServiceName" = "elasticloadbalancing.amazonaws.com" }
        }
      },
      {
        Effect   = "Allow"
        Action   = ["elasticloadbalancing:Create*", "ec2:CreateSecurityGroup", "elasticloadbalancing:AddTags", "ec2:CreateTags"]
        Resource = "*"
        Condition = {
          StringEquals = { "aws:RequestTag/elbv2.k8s.aws/cluster" = var.name }
        }
      },
      {
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:Modify*",
          "elasticloadbalancing:Delete*",
          "elasticloadbalancing:RegisterTargets",
          "elasticloadbalancing:DeregisterTargets",
          "elasticloadbalancing:SetSecurityGroups",
          "elasticloadbalancing:SetSubnets",
          "elasticloadbalancing:SetIpAddressType",
          "elasticloadbalancing:RemoveTags",
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:RevokeSecurityGroupIngress",
          "ec2:DeleteSecurityGroup",
        ]
        Resource = "*"
        Condition = {
          StringEquals = { "aws:ResourceTag/elbv2.k8s.aws/cluster" = var.name }
        }
      },
      {
        # The ingress load balancer's own security group is created here, not by the controller.
        Effect   = "Allow"
        Action   = ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"]
        Resource = aws_security_group.nodes.arn
      },
    ]
  })
}
