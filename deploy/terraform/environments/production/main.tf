# Production: three zones with a NAT gateway, node groups and a Redis node in each; Redis fails over across
# zones; every secret comes from Secrets Manager through External Secrets Operator.
provider "aws" {
  region              = var.region
  allowed_account_ids = var.account_id == null ? null : [var.account_id]

  default_tags {
    tags = local.standard_tags
  }
}

locals {
  environment   = "production"
  configuration = "environments/${local.environment}"

  # The shape of the environment, as opposed to its sizes (terraform.tfvars); staging's equals production's.
  topology = {
    nat_gateway_per_zone = true
    redis_multi_az       = true
    spot_allowed         = false
  }

  # How long the environment keeps logs, releases and deleted secrets.
  retention = {
    flow_log_days               = 90
    cluster_log_days            = 365
    redis_log_days              = 90
    releases                    = 50
    secret_recovery_window_days = 30
  }
}
