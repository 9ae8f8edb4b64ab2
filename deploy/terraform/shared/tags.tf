# Tagging convention, linked into every root configuration as tags.tf. The provider's default_tags put these on
# every resource that takes tags, so cost reports and access policies can filter by them.
variable "owner" {
  description = "Team that answers for the resources (tag Owner)."
  type        = string
  default     = "platform-team"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,62}$", var.owner))
    error_message = "owner is a lower-case slug such as platform-team."
  }
}

variable "cost_center" {
  description = "Budget the spend is booked to (tag CostCenter)."
  type        = string
  default     = "platform"

  validation {
    condition     = length(var.cost_center) > 0
    error_message = "cost_center must not be empty."
  }
}

locals {
  standard_tags = {
    Project     = "platform"
    Environment = local.environment
    Owner       = var.owner
    CostCenter  = var.cost_center
    ManagedBy   = "terraform"
    Repository  = "deploy/terraform/${local.configuration}"
  }
}
