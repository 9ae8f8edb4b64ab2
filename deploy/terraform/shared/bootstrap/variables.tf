variable "name" {
  description = "Prefix of the state resources."
  type        = string
  default     = "platform"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name is 3-31 lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "region" {
  description = "AWS region of the state bucket and lock table."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region is an AWS region name such as eu-west-1."
  }
}

variable "state_bucket_name" {
  description = "Globally unique S3 bucket name for the state (for example platform-tfstate-<account id>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, dashes)."
  }
}

variable "lock_table_name" {
  description = "DynamoDB table that serialises plans and applies."
  type        = string
  default     = "platform-terraform-locks"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.lock_table_name))
    error_message = "lock_table_name must be 3-255 letters, digits, underscores, dots or dashes."
  }
}

variable "state_version_retention_days" {
  description = "How long superseded state versions are kept, to recover from a bad apply."
  type        = number
  default     = 90

  validation {
    condition     = var.state_version_retention_days >= 30
    error_message = "state_version_retention_days must be at least 30: older state is the only way back after a bad apply."
  }
}
