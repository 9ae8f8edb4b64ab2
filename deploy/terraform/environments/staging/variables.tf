# What is staging's own among its variables: the defaults and minimums of its zones, Redis replicas and snapshots.
# The variables every environment shares are in platform.tf (a link to shared/environment.tf).
variable "availability_zone_count" {
  description = "Zones the environment spans."
  type        = number
  default     = 3

  validation {
    condition     = var.availability_zone_count >= 3
    error_message = "staging has production's topology: at least 3 availability zones."
  }
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
