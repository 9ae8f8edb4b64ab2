variable "name" {
  description = "Prefix of every secret name: <name>/<secret>, for example platform-production/llm."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,37}$", var.name))
    error_message = "name is 3-38 lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "namespace" {
  description = "Kubernetes namespace of the platform, where External Secrets Operator writes the Secrets."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.namespace)) && length(var.namespace) <= 63
    error_message = "namespace must be a Kubernetes namespace name (DNS label)."
  }
}

variable "service_account" {
  description = "Service account in namespace that the SecretStore authenticates as (IRSA)."
  type        = string
  default     = "external-secrets"
}

variable "oidc_provider_arn" {
  description = "IAM OIDC provider of the cluster."
  type        = string
}

variable "oidc_issuer_host" {
  description = "OIDC issuer of the cluster without https://."
  type        = string
}

variable "recovery_window_days" {
  description = "Days a deleted secret can be restored; 0 deletes at once (dev only)."
  type        = number
  default     = 30

  validation {
    condition     = var.recovery_window_days == 0 || (var.recovery_window_days >= 7 && var.recovery_window_days <= 30)
    error_message = "recovery_window_days must be 0 or between 7 and 30."
  }
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
