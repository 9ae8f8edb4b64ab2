# One environment of the platform: the modules wired together. An environment passes its name, its topology and
# its sizes; everything that must be the same in every environment (how the modules connect) lives here once.
locals {
  name      = "platform-${var.environment}"
  namespace = "platform-${var.environment}"
}

module "network" {
  source = "../network"

  name                    = local.name
  cidr_block              = var.vpc_cidr
  availability_zone_count = var.availability_zone_count
  nat_gateway_per_zone    = var.topology.nat_gateway_per_zone
  cluster_name            = local.name
  flow_log_retention_days = var.retention.flow_log_days
}

module "cluster" {
  source = "../cluster"

  name                   = local.name
  kubernetes_version     = var.kubernetes_version
  vpc_id                 = module.network.vpc_id
  vpc_cidr_block         = module.network.cidr_block
  private_subnet_ids     = module.network.private_subnet_ids
  endpoint_public_access = var.endpoint_public_access
  public_access_cidrs    = var.public_access_cidrs
  admin_role_arns        = var.admin_role_arns
  allow_spot             = var.topology.spot_allowed
  node_pools             = var.node_pools
  log_retention_days     = var.retention.cluster_log_days
}

module "registry" {
  source = "../registry"

  name          = local.name
  keep_releases = var.retention.releases
}

module "secrets" {
  source = "../secrets"

  name                 = local.name
  namespace            = local.namespace
  oidc_provider_arn    = module.cluster.oidc_provider_arn
  oidc_issuer_host     = module.cluster.oidc_issuer_host
  recovery_window_days = var.retention.secret_recovery_window_days
}

module "redis" {
  source = "../redis"

  name                        = local.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = values(module.network.data_subnet_ids)
  client_security_group_id    = module.cluster.node_security_group_id
  node_type                   = var.redis_node_type
  replicas                    = var.redis_replicas
  multi_az                    = var.topology.redis_multi_az
  snapshot_retention_days     = var.redis_snapshot_retention_days
  restore_from_snapshot       = var.redis_restore_from_snapshot
  auth_token                  = module.secrets.redis_auth_token
  connection_string_secret_id = module.secrets.redis_connection_string_secret_id
  log_retention_days          = var.retention.redis_log_days
}

module "dns_tls" {
  source = "../dns-tls"
  count  = var.dns_zone_name == null ? 0 : 1

  zone_name     = var.dns_zone_name
  host          = var.gateway_host
  load_balancer = var.load_balancer
}
