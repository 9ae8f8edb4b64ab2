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
  name          = "platform-${local.environment}"
  namespace     = "platform-${local.environment}"

  # The shape of the environment, as opposed to its sizes (terraform.tfvars); staging's equals production's.
  topology = {
    nat_gateway_per_zone = true
    redis_multi_az       = true
    spot_allowed         = false
  }
}

module "network" {
  source = "../../modules/network"

  name                    = local.name
  cidr_block              = var.vpc_cidr
  availability_zone_count = var.availability_zone_count
  nat_gateway_per_zone    = local.topology.nat_gateway_per_zone
  cluster_name            = local.name
  flow_log_retention_days = 90
}

module "cluster" {
  source = "../../modules/cluster"

  name                   = local.name
  kubernetes_version     = var.kubernetes_version
  vpc_id                 = module.network.vpc_id
  vpc_cidr_block         = module.network.cidr_block
  private_subnet_ids     = module.network.private_subnet_ids
  endpoint_public_access = var.endpoint_public_access
  public_access_cidrs    = var.public_access_cidrs
  admin_role_arns        = var.admin_role_arns
  allow_spot             = local.topology.spot_allowed
  node_pools             = var.node_pools
  log_retention_days     = 365
}

module "registry" {
  source = "../../modules/registry"

  name          = local.name
  keep_releases = 50
}

module "secrets" {
  source = "../../modules/secrets"

  name                 = local.name
  namespace            = local.namespace
  oidc_provider_arn    = module.cluster.oidc_provider_arn
  oidc_issuer_host     = module.cluster.oidc_issuer_host
  recovery_window_days = 30
}

module "redis" {
  source = "../../modules/redis"

  name                        = local.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = values(module.network.data_subnet_ids)
  client_security_group_id    = module.cluster.node_security_group_id
  node_type                   = var.redis_node_type
  replicas                    = var.redis_replicas
  multi_az                    = local.topology.redis_multi_az
  snapshot_retention_days     = var.redis_snapshot_retention_days
  restore_from_snapshot       = var.redis_restore_from_snapshot
  auth_token                  = module.secrets.redis_auth_token
  connection_string_secret_id = module.secrets.redis_connection_string_secret_id
  log_retention_days          = 90
}

module "dns_tls" {
  source = "../../modules/dns-tls"
  count  = var.dns_zone_name == null ? 0 : 1

  zone_name     = var.dns_zone_name
  host          = var.gateway_host
  load_balancer = var.load_balancer
}
