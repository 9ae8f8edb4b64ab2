variable "environment" {
  description = "Environment name (dev, staging, production): the overlay's name and the suffix of every resource name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.environment))
    error_message = "environment is a short lower-case slug such as staging."
  }
}

variable "region" {
  description = "AWS region of the environment (the provider's; repeated in the outputs the publisher reads)."
  type        = string
}

variable "topology" {
  description = "The shape of the environment, as opposed to its sizes: a NAT gateway per zone, Multi-AZ Redis, spot nodes allowed."
  type = object({
    nat_gateway_per_zone = bool
    redis_multi_az       = bool
    spot_allowed         = bool
  })
}

variable "retention" {
  description = "How long the environment keeps what it logs and stores: days of flow, control-plane and Redis logs, releases per repository, days a deleted secret can be recovered (0: at once)."
  type = object({
    flow_log_days               = number
    cluster_log_days            = number
    redis_log_days              = number
    releases                    = number
    secret_recovery_window_days = number
  })
}

variable "vpc_cidr" {
  description = "Address range of the VPC (a /16)."
  type        = string
}

variable "availability_zone_count" {
  description = "Zones the environment spans; each environment states its own minimum."
  type        = number

  validation {
    condition     = var.availability_zone_count >= 2
    error_message = "an environment spans at least 2 availability zones (the EKS minimum)."
  }
}

variable "kubernetes_version" {
  description = "EKS version (1.30 or later)."
  type        = string
}

variable "endpoint_public_access" {
  description = "Expose the API server on the internet for public_access_cidrs (off: reach it through the VPC)."
  type        = bool
  default     = false
}

variable "public_access_cidrs" {
  description = "CIDRs allowed to the public API endpoint when it is on."
  type        = list(string)
  default     = []

  validation {
    condition     = !var.endpoint_public_access || (length(var.public_access_cidrs) > 0 && alltrue([for cidr in var.public_access_cidrs : !endswith(cidr, "/0")]))
    error_message = "a public API endpoint needs public_access_cidrs: at least one CIDR, none of them /0."
  }
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin (the deploy pipeline, the on-call role)."
  type        = list(string)
  default     = []
}

variable "node_pools" {
  description = "Node pools (system, workload), sizes per zone; see modules/cluster."
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

  validation {
    condition     = var.topology.spot_allowed || alltrue([for name, pool in var.node_pools : pool.min_per_zone >= 1])
    error_message = "without spot (production's topology) every pool keeps at least one node in every zone."
  }

  validation {
    condition     = var.topology.spot_allowed || alltrue([for name, pool in var.node_pools : pool.capacity_type == "ON_DEMAND"])
    error_message = "this topology runs on ON_DEMAND capacity only; SPOT is for dev."
  }
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "redis_replicas" {
  description = "Redis replicas besides the primary, each in another zone."
  type        = number

  validation {
    condition     = var.redis_replicas >= 0 && (!var.topology.redis_multi_az || var.redis_replicas >= 1)
    error_message = "Multi-AZ Redis (production's topology) needs at least one replica to fail over to; none is ever negative."
  }
}

variable "redis_snapshot_retention_days" {
  description = "Daily Redis snapshots kept; each environment states its own minimum."
  type        = number

  validation {
    condition     = var.redis_snapshot_retention_days >= 1
    error_message = "every environment keeps at least one daily Redis snapshot."
  }
}

variable "redis_restore_from_snapshot" {
  description = "Snapshot to rebuild Redis from after a disaster (docs/infrastructure.md, Restore); null for none."
  type        = string
  default     = null
}

variable "dns_zone_name" {
  description = "Route 53 zone of the gateway host; null skips the dns-tls module."
  type        = string
  default     = null
}

variable "gateway_host" {
  description = "Public host of the gateway; must equal the overlay's Ingress host."
  type        = string
}

variable "load_balancer" {
  description = "The ingress load balancer (dns_name, zone_id) once it exists, for the alias record."
  type = object({
    dns_name = string
    zone_id  = string
  })
  default = null
}
