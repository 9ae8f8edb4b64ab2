# What is dev's own among its variables: the defaults and minimums of its zones, Redis replicas and snapshots.
# The variables every environment shares are in platform.tf (a link to shared/environment.tf).
variable "availability_zone_count" {
  description = "Zones the environment spans."
  type        = number
  default     = 2

  validation {
    condition     = var.availability_zone_count >= 2
    error_message = "dev spans at least 2 availability zones (the EKS minimum)."
  }
}

variable "redis_replicas" {
  description = "Redis replicas besides the primary (dev runs none: no failover)."
  type        = number
  default     = 0
}

variable "redis_snapshot_retention_days" {
  description = "Daily Redis snapshots kept."
  type        = number
  default     = 1

  validation {
    condition     = var.redis_snapshot_retention_days >= 1
    error_message = "dev keeps at least one daily Redis snapshot."
  }
}
