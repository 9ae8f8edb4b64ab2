variable "name" {
  description = "Cluster name, for example platform-production."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,37}$", var.name))
    error_message = "name is 3-38 lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version; 1.30 or later, because the manifests' preStop hooks use the sleep action."
  type        = string
  default     = "1.31"

  validation {
    condition     = can(regex("^1\\.(3[0-9]|[4-9][0-9])$", var.kubernetes_version))
    error_message = "kubernetes_version must be 1.30 or later (the manifests' preStop sleep action needs it), written as 1.NN."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "vpc_cidr_block" {
  description = "Address range of the VPC: nodes may resolve DNS inside it."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr_block, 0))
    error_message = "vpc_cidr_block must be an IPv4 CIDR."
  }
}

variable "private_subnet_ids" {
  description = "Private subnet per availability zone; the control plane and one node group per pool and zone use them."
  type        = map(string)

  validation {
    condition     = length(var.private_subnet_ids) >= 2
    error_message = "private_subnet_ids needs subnets in at least two availability zones (EKS requires it)."
  }
}

variable "endpoint_public_access" {
  description = "Expose the API server on the internet too (the private endpoint is always on)."
  type        = bool
  default     = false
}

variable "public_access_cidrs" {
  description = "Who may reach the public API endpoint; required, and never 0.0.0.0/0, when endpoint_public_access is on."
  type        = list(string)
  default     = []

  validation {
    condition = !var.endpoint_public_access || (
      length(var.public_access_cidrs) > 0 &&
      alltrue([for cidr in var.public_access_cidrs : can(cidrhost(cidr, 0)) && !endswith(cidr, "/0")])
    )
    error_message = "endpoint_public_access needs public_access_cidrs: at least one CIDR, none of them /0."
  }
}

variable "admin_role_arns" {
  description = "IAM roles granted cluster-admin through EKS access entries (for example the deploy pipeline's role)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.admin_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", arn))])
    error_message = "admin_role_arns must be IAM role ARNs."
  }
}

variable "allow_spot" {
  description = "Allow SPOT capacity in node pools (dev only: spot nodes can be reclaimed with two minutes' notice)."
  type        = bool
  default     = false
}

variable "node_pools" {
  description = <<-EOT
    Managed node pools; each becomes one node group per availability zone, so the Cluster Autoscaler can add
    a node in the zone a pending pod (or its volume) needs. "system" runs cluster add-ons (tainted
    CriticalAddonsOnly), "workload" runs the platform. Sizes are per zone.
  EOT
  type = map(object({
    instance_types   = list(string)
    capacity_type    = optional(string, "ON_DEMAND")
    min_per_zone     = number
    desired_per_zone = number
    max_per_zone     = number
    disk_size_gib    = optional(number, 50)
    labels           = optional(map(string), {})
    taints = optional(list(object({
      key    = string
      value  = string
      effect = string
    })), [])
  }))

  validation {
    condition     = contains(keys(var.node_pools), "system") && contains(keys(var.node_pools), "workload")
    error_message = "node_pools must define a \"system\" and a \"workload\" pool."
  }

  validation {
    condition = alltrue([for pool in values(var.node_pools) :
      pool.min_per_zone >= 0 && pool.min_per_zone <= pool.desired_per_zone && pool.desired_per_zone <= pool.max_per_zone && pool.max_per_zone >= 1
    ])
    error_message = "Every node pool needs 0 <= min_per_zone <= desired_per_zone <= max_per_zone and max_per_zone >= 1."
  }

  validation {
    condition     = alltrue([for pool in values(var.node_pools) : contains(["ON_DEMAND", "SPOT"], pool.capacity_type)])
    error_message = "capacity_type must be ON_DEMAND or SPOT."
  }

  validation {
    condition     = var.allow_spot || alltrue([for pool in values(var.node_pools) : pool.capacity_type == "ON_DEMAND"])
    error_message = "SPOT node pools need allow_spot = true (dev only)."
  }

  validation {
    condition     = try(var.node_pools["system"].capacity_type, "ON_DEMAND") == "ON_DEMAND" && try(var.node_pools["system"].min_per_zone, 1) >= 1
    error_message = "The system pool runs on ON_DEMAND capacity with at least one node per zone: add-ons such as CoreDNS must not be reclaimed."
  }

  validation {
    condition     = alltrue([for pool in values(var.node_pools) : length(pool.instance_types) > 0 && pool.disk_size_gib >= 20])
    error_message = "Every node pool needs at least one instance type and a disk of at least 20 GiB."
  }
}

variable "ingress_cidrs" {
  description = "Who may reach the load balancer in front of the ingress controller, on 443 only."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.ingress_cidrs) > 0 && alltrue([for cidr in var.ingress_cidrs : can(cidrhost(cidr, 0))])
    error_message = "ingress_cidrs must be a non-empty list of IPv4 CIDRs."
  }
}

variable "ingress_target_port" {
  description = "Port of the ingress controller pods the load balancer forwards to (TLS ends at the load balancer)."
  type        = number
  default     = 80

  validation {
    condition     = var.ingress_target_port >= 1 && var.ingress_target_port <= 65535
    error_message = "ingress_target_port must be a TCP port."
  }
}

variable "log_retention_days" {
  description = "Retention of the control-plane logs in CloudWatch."
  type        = number
  default     = 90

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
