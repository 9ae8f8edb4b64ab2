# What is production's own, asserted on the planned resources with a mocked AWS provider (no credentials, no
# network): three zones, its sizes from terraform.tfvars, a week of Redis snapshots, its names. What every
# environment of this topology holds is asserted once in modules/platform/tests.
mock_provider "aws" {
  source = "../../shared/testing"
}

# A mocked data source returns an empty zone list; plan against the zones eu-west-1 really has.
override_data {
  target = module.platform.module.network.data.aws_availability_zones.available
  values = {
    names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  }
}

run "has_productions_zones_sizes_and_names" {
  command = apply

  assert {
    condition     = length(module.platform.parts.network.zones) == 3 && length(module.platform.parts.network.nat_gateway_zones) == 3
    error_message = "production spans 3 availability zones with a NAT gateway in each."
  }

  assert {
    condition     = length(module.platform.parts.cluster.node_groups) == 3 * length(var.node_pools)
    error_message = "production runs a node group per pool in each of its 3 zones."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.multi_az_enabled && module.platform.parts.redis.replication_group.num_cache_clusters == 3
    error_message = "production Redis is Multi-AZ with 3 nodes (terraform.tfvars)."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.snapshot_retention_limit >= 7
    error_message = "production Redis keeps its daily snapshots (7 at least)."
  }

  assert {
    condition     = !module.platform.parts.cluster.endpoint_public_access
    error_message = "the production API endpoint is private."
  }

  assert {
    condition = output.environment == "production" && output.namespace == "platform-production" && alltrue([for name, group in module.platform.parts.cluster.node_groups :
      lookup(group.tags, "k8s.io/cluster-autoscaler/platform-production", "") == "owned"
    ])
    error_message = "the outputs and the node groups' Cluster Autoscaler tags name platform-production."
  }
}

run "refuses_two_zones" {
  command = plan

  variables {
    availability_zone_count = 2
  }

  expect_failures = [var.availability_zone_count]
}

run "refuses_redis_without_a_replica" {
  command = plan

  variables {
    redis_replicas = 0
  }

  expect_failures = [var.redis_replicas]
}

run "refuses_less_than_a_week_of_snapshots" {
  command = plan

  variables {
    redis_snapshot_retention_days = 3
  }

  expect_failures = [var.redis_snapshot_retention_days]
}
