mock_provider "aws" {
  source = "../../shared/testing"
}

variables {
  name               = "platform-test"
  vpc_id             = "vpc-0123456789abcdef0"
  vpc_cidr_block     = "10.40.0.0/16"
  private_subnet_ids = { "eu-west-1a" = "subnet-0a", "eu-west-1b" = "subnet-0b", "eu-west-1c" = "subnet-0c" }
  node_pools = {
    system   = { instance_types = ["t3.medium"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 2 }
    workload = { instance_types = ["m7i.large"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 4 }
  }
}

run "control_plane_is_private_encrypted_and_logged" {
  command = apply

  assert {
    condition     = aws_eks_cluster.this.vpc_config[0].endpoint_private_access && !aws_eks_cluster.this.vpc_config[0].endpoint_public_access
    error_message = "the API endpoint is private by default."
  }

  assert {
    condition     = aws_eks_cluster.this.encryption_config[0].resources == toset(["secrets"]) && aws_kms_key.secrets.enable_key_rotation
    error_message = "Secrets are envelope-encrypted with a rotating KMS key."
  }

  assert {
    condition     = length(aws_eks_cluster.this.enabled_cluster_log_types) == 5
    error_message = "every control-plane log type goes to CloudWatch."
  }

  assert {
    condition     = length(aws_eks_node_group.this) == 6
    error_message = "two pools over three zones make six node groups."
  }

  assert {
    condition     = alltrue([for template in aws_launch_template.node : template.metadata_options[0].http_tokens == "required" && template.metadata_options[0].http_put_response_hop_limit == 1])
    error_message = "nodes require IMDSv2 with one hop, so pods cannot use the node role."
  }

  assert {
    condition     = alltrue([for group in aws_eks_node_group.this : length(group.taint) == 1 if group.labels["node-pool"] == "system"])
    error_message = "system nodes are tainted CriticalAddonsOnly."
  }

  assert {
    condition     = jsondecode(aws_eks_addon.vpc_cni.configuration_values).enableNetworkPolicy == "true"
    error_message = "the VPC CNI enforces NetworkPolicies, which the manifests rely on."
  }

  assert {
    condition     = aws_eks_addon.ebs_csi_driver.service_account_role_arn == aws_iam_role.service_account["ebs-csi-driver"].arn
    error_message = "the EBS CSI driver runs with its own IRSA role."
  }

  assert {
    condition     = strcontains(aws_iam_role.service_account["cluster-autoscaler"].assume_role_policy, "system:serviceaccount:kube-system:cluster-autoscaler")
    error_message = "only the cluster-autoscaler service account may assume its role."
  }
}

run "refuses_kubernetes_older_than_1_30" {
  command = plan

  variables {
    kubernetes_version = "1.29"
  }

  expect_failures = [var.kubernetes_version]
}

run "refuses_a_public_endpoint_without_cidrs" {
  command = plan

  variables {
    endpoint_public_access = true
  }

  expect_failures = [var.public_access_cidrs]
}

run "refuses_a_public_endpoint_open_to_everyone" {
  command = plan

  variables {
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
  }

  expect_failures = [var.public_access_cidrs]
}

run "refuses_spot_unless_allowed" {
  command = plan

  variables {
    node_pools = {
      system   = { instance_types = ["t3.medium"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 2 }
      workload = { instance_types = ["m7i.large"], capacity_type = "SPOT", min_per_zone = 0, desired_per_zone = 1, max_per_zone = 4 }
    }
  }

  expect_failures = [var.node_pools]
}

run "refuses_pools_without_a_system_pool" {
  command = plan

  variables {
    node_pools = {
      workload = { instance_types = ["m7i.large"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 4 }
    }
  }

  expect_failures = [var.node_pools]
}
