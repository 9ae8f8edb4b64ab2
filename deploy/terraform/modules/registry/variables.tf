variable "name" {
  description = "Repository prefix: images are <registry>/<name>/<image>, for example platform-production/gateway."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,37}$", var.name))
    error_message = "name is 3-38 lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "images" {
  description = "One repository per image the release builds: the shared base image and one per service."
  type        = list(string)
  default     = ["base", "gateway", "models", "agents"]

  validation {
    condition     = length(var.images) > 0 && alltrue([for image in var.images : can(regex("^[a-z][a-z0-9-]*$", image))])
    error_message = "images must be a non-empty list of lower-case image names."
  }
}

variable "keep_releases" {
  description = "Tagged images kept per repository; older ones expire (a rollback needs the previous few)."
  type        = number
  default     = 30

  validation {
    condition     = var.keep_releases >= 5 && var.keep_releases <= 1000
    error_message = "keep_releases must be between 5 and 1000: rollbacks need the previous releases."
  }
}

variable "untagged_expiry_days" {
  description = "Days after which untagged images (superseded build layers) expire."
  type        = number
  default     = 7

  validation {
    condition     = var.untagged_expiry_days >= 1
    error_message = "untagged_expiry_days must be at least 1."
  }
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
