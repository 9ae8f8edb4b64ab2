variable "name" {
  description = "Name prefix of every resource, for example platform-production."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,37}$", var.name))
    error_message = "name is 3-38 lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "cidr_block" {
  description = "Address range of the VPC; a /16 so every tier fits (public /24s, private /20s for pod IPs, data /24s)."
  type        = string

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && endswith(var.cidr_block, "/16")
    error_message = "cidr_block must be an IPv4 /16 such as 10.20.0.0/16."
  }
}

variable "availability_zone_count" {
  description = "Zones the subnets span; EKS needs at least 2, high availability needs 3."
  type        = number

  validation {
    condition     = var.availability_zone_count >= 2 && var.availability_zone_count <= 6
    error_message = "availability_zone_count must be between 2 and 6 (EKS needs subnets in at least two zones)."
  }
}

variable "nat_gateway_per_zone" {
  description = "One NAT gateway per zone (a zone outage leaves the others' egress intact) or a single shared one (cheaper)."
  type        = bool
}

variable "cluster_name" {
  description = "EKS cluster whose load balancers and nodes use these subnets (subnet discovery tags)."
  type        = string

  validation {
    condition     = length(var.cluster_name) > 0
    error_message = "cluster_name must not be empty: the load-balancer controller discovers subnets by it."
  }
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow logs in CloudWatch."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a CloudWatch retention value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ...)."
  }
}

variable "tags" {
  description = "Extra tags on every resource (the provider's default_tags carry the standard ones)."
  type        = map(string)
  default     = {}
}
