# What every environment has alike, linked into each as platform.tf: the variables its terraform.tfvars sets
# (modules/platform describes and validates them) and its one call of modules/platform. The environment's
# main.tf holds its provider, name, topology and retention; its variables.tf the variables whose default or
# minimum is its own.
module "platform" {
  source = "../../modules/platform"

  environment = local.environment
  region      = var.region
  topology    = local.topology
  retention   = local.retention

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

# State created before the modules were wired in modules/platform moves there on the next plan, without a replace.
moved {
  from = module.network
  to   = module.platform.module.network
}

moved {
  from = module.cluster
  to   = module.platform.module.cluster
}

moved {
  from = module.registry
  to   = module.platform.module.registry
}

moved {
  from = module.secrets
  to   = module.platform.module.secrets
}

moved {
  from = module.redis
  to   = module.platform.module.redis
}

moved {
  from = module.dns_tls
  to   = module.platform.module.dns_tls
}

variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "eu-west-1"
}

variable "account_id" {
  description = "The only AWS account this configuration may touch (a guard against applying to the wrong one); null allows any."
  type        = string
  default     = null

  validation {
    condition     = var.account_id == null || can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "vpc_cidr" {
  description = "Address range of the VPC (a /16)."
  type        = string
}

variable "kubernetes_version" {
  description = "EKS version (1.30 or later)."
  type        = string
}

variable "endpoint_public_access" {
  description = "Expose the API server on the internet for public_access_cidrs."
  type        = bool
  default     = false
}

variable "public_access_cidrs" {
  description = "CIDRs allowed to the public API endpoint when it is on."
  type        = list(string)
  default     = []
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin."
  type        = list(string)
  default     = []
}

variable "node_pools" {
  description = "Node pools (system, workload), sizes per zone."
  type = map(object({
    instance_types   = list(string)
    capacity_type    = optional(string, "ON_DEMAND")
    min_per_zone     = number
    desired_per_zone = number
    max_per_zone     = number
    disk_size_gib    = optional(number, 50)
    labels           = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = string
      effect = string
    })), [])
  }))
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "redis_restore_from_snapshot" {
  description = "Snapshot to rebuild Redis from after a disaster; null for none."
  type        = string
  default     = null
}

variable "dns_zone_name" {
  description = "Route 53 zone of the gateway host; null skips DNS and TLS."
  type        = string
  default     = null
}

variable "gateway_host" {
  description = "Public host of the gateway."
  type        = string
}

variable "load_balancer" {
  description = "The ingress load balancer (dns_name, zone_id) once it exists."
  type = object({
    dns_name = string
    zone_id  = string
  })
  default = null
}
