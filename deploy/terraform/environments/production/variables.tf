# What is production's own among its variables: the defaults and minimums of its zones, Redis replicas and snapshots.
# The variables every environment shares are in platform.tf (a link to shared/environment.tf).
variable "availability_zone_count" {
  description = "Zones the environment spans."
  type        = number
  default     = 3

  validation {
    condition     = var.availability_zone_count >= 3
    error_message = "production spans at least 3 availability zones: losing one must leave a majority."
  }
}

variable "redis_replicas" {
  description = "Redis replicas besides the primary, each in another zone."
  type        = number
  default     = 2

  validation {
    condition     = var.redis_replicas >= 1
    error_message = "production needs at least one Redis replica to fail over to."
  }
}

variable "redis_snapshot_retention_days" {
  description = "Daily Redis snapshots kept."
  type        = number
  default     = 7

  validation {
    condition     = var.redis_snapshot_retention_days >= 7
    error_message = "production keeps at least 7 daily Redis snapshots."
  }
}
