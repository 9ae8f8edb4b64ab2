region                  = "eu-west-1"
vpc_cidr                = "10.30.0.0/16"
availability_zone_count = 3
kubernetes_version      = "1.31"

node_pools = {
  system = {
    instance_types   = ["m7i.large"]
    min_per_zone     = 1
    desired_per_zone = 1
    max_per_zone     = 2
  }
  workload = {
    instance_types   = ["m7i.xlarge", "m6i.xlarge"]
    min_per_zone     = 1
    desired_per_zone = 2
    max_per_zone     = 6
    disk_size_gib    = 100
  }
}

redis_node_type               = "cache.r7g.large"
redis_replicas                = 2
redis_snapshot_retention_days = 7

dns_zone_name = "example.com"
gateway_host  = "platform.example.com"
