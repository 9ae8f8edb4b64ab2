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

variable "availability_zone_count" {
  description = "Zones the environment spans."
  type        = number
  default     = 3

  validation {
    condition     = var.availability_zone_count >= 3
    error_message = "staging has production's topology: at least 3 availability zones."
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
    condition     = alltrue([for name, pool in var.node_pools : pool.min_per_zone >= 1])
    error_message = "staging has production's topology: at least one node per pool in every zone."
  }

  validation {
    condition     = alltrue([for name, pool in var.node_pools : pool.capacity_type == "ON_DEMAND"])
    error_message = "staging runs on ON_DEMAND capacity like production; SPOT is for dev."
  }
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
}

variable "redis_replicas" {
  description = "Redis replicas besides the primary, each in another zone."
  type        = number
  default     = 1

  validation {
    condition     = var.redis_replicas >= 1
    error_message = "staging has production's topology: at least one Redis replica to fail over to."
  }
}

variable "redis_snapshot_retention_days" {
  description = "Daily Redis snapshots kept."
  type        = number
  default     = 3

  validation {
    condition     = var.redis_snapshot_retention_days >= 1
    error_message = "staging keeps at least one daily Redis snapshot."
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
