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

# The first run applies against the mocks, so computed values exist; the later runs plan on top of that state.
run "spans_three_zones_with_subnets_nat_and_nodes_in_each" {
  command = apply

  assert {
    condition     = length(module.platform.parts.network.zones) == 3 && sort(module.platform.parts.network.nat_gateway_zones) == sort(module.platform.parts.network.zones)
    error_message = "production spans 3 availability zones with a NAT gateway in each."
  }

  assert {
    condition = alltrue([for pool in ["system", "workload"] :
      sort([for group in module.platform.parts.cluster.node_groups : group.zone if group.pool == pool]) == sort(module.platform.parts.network.zones)
    ])
    error_message = "each production node pool has a node group in every zone."
  }

  assert {
    condition     = alltrue([for group in module.platform.parts.cluster.node_groups : group.min_size >= 1 && group.capacity_type == "ON_DEMAND"])
    error_message = "production node groups keep at least one on-demand node per zone."
  }
}

run "redis_fails_over_across_zones_and_keeps_its_snapshots" {
  command = plan

  assert {
    condition     = module.platform.parts.redis.replication_group.multi_az_enabled && module.platform.parts.redis.replication_group.num_cache_clusters == 3
    error_message = "production Redis is Multi-AZ with 3 nodes (terraform.tfvars)."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.snapshot_retention_limit >= 7
    error_message = "production Redis keeps at least 7 daily snapshots."
  }
}

run "is_private_and_named_production" {
  command = plan

  assert {
    condition     = !module.platform.parts.cluster.endpoint_public_access
    error_message = "the production API endpoint must be private."
  }

  assert {
    condition = alltrue([for name, group in module.platform.parts.cluster.node_groups :
      lookup(group.tags, "k8s.io/cluster-autoscaler/platform-production", "") == "owned"
    ])
    error_message = "every production node group carries the Cluster Autoscaler tag of platform-production."
  }

  assert {
    condition     = output.environment == "production" && output.namespace == "platform-production"
    error_message = "the outputs name the production overlay and namespace."
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
