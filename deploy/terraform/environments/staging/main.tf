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
}

module "platform" {
  source = "../../modules/platform"

  environment = local.environment
  region      = var.region
  topology    = local.topology
  retention = {
    flow_log_days               = 30
    cluster_log_days            = 90
    redis_log_days              = 30
    releases                    = 30
    secret_recovery_window_days = 30
  }

  vpc_cidr                      = var.vpc_cidr
  availability_zone_count       = var.availability_zone_count
  kubernetes_version            = var.kubernetes_version
  endpoint_public_access        = var.endpoint_public_access
  public_access_cidrs           = var.public_access_cidrs
  admin_role_arns               = var.admin_role_arns
  node_pools                    = var.node_pools
  redis_node_type               = var.redis_node_type
  redis_replicas                = var.redis_replicas
  redis_snapshot_retention_days = var.redis_snapshot_retention_days
  redis_restore_from_snapshot   = var.redis_restore_from_snapshot
  dns_zone_name                 = var.dns_zone_name
  gateway_host                  = var.gateway_host
  load_balancer                 = var.load_balancer
}
