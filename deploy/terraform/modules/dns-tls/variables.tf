variable "zone_name" {
  description = "Public Route 53 hosted zone that holds the gateway host, for example example.com."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.zone_name))
    error_message = "zone_name must be a DNS name such as example.com."
  }
}

variable "host" {
  description = "Public host name of the gateway (the overlay's Ingress host), inside zone_name."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.host)) && endswith(var.host, var.zone_name)
    error_message = "host must be a DNS name inside zone_name."
  }
}

variable "load_balancer" {
  description = <<-EOT
    DNS name and hosted zone of the ingress controller's load balancer. It exists only after the first
    kubectl apply, so the alias record is created on a second apply; null creates the certificate alone.
  EOT
  type = object({
    dns_name = string
    zone_id  = string
  })
  default = null

  validation {
    condition     = var.load_balancer == null || (try(length(var.load_balancer.dns_name), 0) > 0 && try(length(var.load_balancer.zone_id), 0) > 0)
    error_message = "load_balancer needs both dns_name and zone_id, or is null."
  }
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}
