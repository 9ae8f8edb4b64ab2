# Production's topology on smaller instances.
region                  = "eu-west-1"
vpc_cidr                = "10.20.0.0/16"
availability_zone_count = 3
kubernetes_version      = "1.31"

node_pools = {
  system = {
    instance_types   = ["t3.medium"]
    min_per_zone     = 1
    desired_per_zone = 1
    max_per_zone     = 1
  }
  workload = {
    instance_types   = ["m7i.large", "m6i.large"]
    min_per_zone     = 1
    desired_per_zone = 1
    max_per_zone     = 3
  }
}

redis_node_type               = "cache.t4g.small"
redis_replicas                = 1
redis_snapshot_retention_days = 3

dns_zone_name = "example.com"
gateway_host  = "platform.staging.example.com"
