# The smallest footprint that runs the platform: two zones, spot workload nodes, one Redis node.
region                  = "eu-west-1"
vpc_cidr                = "10.10.0.0/16"
availability_zone_count = 2
kubernetes_version      = "1.31"

# Developers reach the API from the office range only (a documentation range here: replace it).
endpoint_public_access = true
public_access_cidrs    = ["203.0.113.0/24"]

node_pools = {
  system = {
    instance_types   = ["t3.medium"]
    min_per_zone     = 1
    desired_per_zone = 1
    max_per_zone     = 1
    disk_size_gib    = 30
  }
  workload = {
    instance_types   = ["t3.large", "t3a.large", "m6i.large"]
    capacity_type    = "SPOT"
    min_per_zone     = 0
    desired_per_zone = 1
    max_per_zone     = 2
    disk_size_gib    = 30
  }
}

redis_node_type               = "cache.t4g.micro"
redis_replicas                = 0
redis_snapshot_retention_days = 1

gateway_host = "platform.dev.example.com"
