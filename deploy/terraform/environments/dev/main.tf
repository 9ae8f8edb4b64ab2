# Dev: the same modules at the smallest sizes that still run the platform: two zones (the EKS minimum), one
# shared NAT gateway, spot workload nodes, a single Redis node, secrets deleted at once when destroyed.
provider "aws" {
  region              = var.region
  allowed_account_ids = var.account_id == null ? null : [var.account_id]

  default_tags {
    tags = local.standard_tags
  }
}

locals {
  environment   = "dev"
  configuration = "environments/${local.environment}"

  # The shape of the environment, as opposed to its sizes (terraform.tfvars); staging's equals production's.
  topology = {
    nat_gateway_per_zone = false
    redis_multi_az       = false
    spot_allowed         = true
  }

  # How long the environment keeps logs, releases and deleted secrets.
  retention = {
    flow_log_days               = 7
    cluster_log_days            = 30
    redis_log_days              = 7
    releases                    = 10
    secret_recovery_window_days = 0
  }
}
