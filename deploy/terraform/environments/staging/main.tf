# Staging: production's topology (three zones, a NAT gateway and node groups in each, Multi-AZ Redis with
# failover, secrets from Secrets Manager) on smaller instances, so a release is proven on the same shape.
provider "aws" {
  region              = var.region
  allowed_account_ids = var.account_id == null ? null : [var.account_id]

  default_tags {
    tags = local.standard_tags
  }
}

locals {
  environment   = "staging"
  configuration = "environments/${local.environment}"

  # The shape of the environment, as opposed to its sizes (terraform.tfvars); staging's equals production's.
  topology = {
    nat_gateway_per_zone = true
    redis_multi_az       = true
    spot_allowed         = false
  }

  # How long the environment keeps logs, releases and deleted secrets.
  retention = {
    flow_log_days               = 30
    cluster_log_days            = 90
    redis_log_days              = 30
    releases                    = 30
    secret_recovery_window_days = 30
  }
}
