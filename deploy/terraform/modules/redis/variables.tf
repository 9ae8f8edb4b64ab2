variable "name" {
  description = "Replication group id, for example platform-production."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,37}$", var.name))
    error_message = "name is 3-38 lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC of the replication group."
  type        = string
}

variable "subnet_ids" {
  description = "Data-tier subnets, one per zone; nodes are placed across them."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1
    error_message = "subnet_ids needs at least one subnet."
  }
}

variable "client_security_group_id" {
  description = "Security group of the clients (the cluster's nodes): the only one admitted, and given egress to Redis."
  type        = string
}

variable "node_type" {
  description = "ElastiCache node type, for example cache.t4g.small."
  type        = string

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.node_type))
    error_message = "node_type must be an ElastiCache node type such as cache.r7g.large."
  }
}

variable "engine_version" {
  description = "Redis OSS engine version; the parameter group family follows its major version."
  type        = string
  default     = "7.1"

  validation {
    condition     = can(regex("^7\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be a Redis 7 version such as 7.1 (the platform uses Redis 7 streams features)."
  }
}

variable "replicas" {
  description = "Read replicas besides the primary; automatic failover promotes one."
  type        = number

  validation {
    condition     = var.replicas >= 0 && var.replicas <= 5
    error_message = "replicas must be between 0 and 5."
  }
}

variable "multi_az" {
  description = "Place replicas in other zones and fail over automatically when the primary's zone fails."
  type        = bool

  validation {
    condition     = !var.multi_az || var.replicas >= 1
    error_message = "multi_az needs at least one replica to fail over to."
  }
}

variable "snapshot_retention_days" {
  description = "Daily snapshots kept (the platform's backups: restore by creating a group from one)."
  type        = number

  validation {
    condition     = var.snapshot_retention_days >= 1 && var.snapshot_retention_days <= 35
    error_message = "snapshot_retention_days must be between 1 and 35: the platform stores state, so there is always a backup."
  }
}

variable "snapshot_window" {
  description = "Daily UTC window of the snapshot (hh:mm-hh:mm), outside the maintenance window."
  type        = string
  default     = "03:00-04:00"

  validation {
    condition     = can(regex("^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$", var.snapshot_window))
    error_message = "snapshot_window must look like 03:00-04:00."
  }
}

variable "restore_from_snapshot" {
  description = "Name of a snapshot to create the replication group from (disaster recovery); null starts empty."
  type        = string
  default     = null
}

variable "maintenance_window" {
  description = "Weekly UTC maintenance window (ddd:hh:mm-ddd:hh:mm)."
  type        = string
  default     = "sun:05:00-sun:06:00"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):[0-2][0-9]:[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):[0-2][0-9]:[0-5][0-9]$", var.maintenance_window))
    error_message = "maintenance_window must look like sun:05:00-sun:06:00."
  }
}

variable "auth_token" {
  description = "AUTH token (16-128 characters, no @, \" or /), from the secrets module."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.auth_token) >= 16 && length(var.auth_token) <= 128 && !can(regex("[@\"/]", var.auth_token))
    error_message = "auth_token must be 16-128 characters without @, \" or /."
  }
}

variable "connection_string_secret_id" {
  description = "Secrets Manager secret the connection string is written into (the Kubernetes Secret redis-connection-string)."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the slow log in CloudWatch."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
