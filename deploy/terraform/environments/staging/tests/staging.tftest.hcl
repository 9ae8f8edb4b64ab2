# What is staging's own, asserted on the planned resources with a mocked AWS provider (no credentials, no
# network): production's topology (three zones, Multi-AZ Redis) at its own sizes and names. What every
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
    error_message = "staging spans 3 availability zones with a NAT gateway in each."
  }

  assert {
    condition = alltrue([for pool in ["system", "workload"] :
      sort([for group in module.platform.parts.cluster.node_groups : group.zone if group.pool == pool]) == sort(module.platform.parts.network.zones)
    ])
    error_message = "each staging node pool has a node group in every zone."
  }

  assert {
    condition     = alltrue([for group in module.platform.parts.cluster.node_groups : group.min_size >= 1 && group.capacity_type == "ON_DEMAND"])
    error_message = "staging node groups keep at least one on-demand node per zone."
  }
}

run "redis_fails_over_across_zones_and_keeps_its_snapshots" {
  command = plan

  assert {
    condition     = module.platform.parts.redis.replication_group.multi_az_enabled && module.platform.parts.redis.replication_group.num_cache_clusters == 2
    error_message = "staging Redis is Multi-AZ with 2 nodes (terraform.tfvars)."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.snapshot_retention_limit >= 1
    error_message = "staging Redis keeps at least 1 daily snapshots."
  }
}

run "is_private_and_named_staging" {
  command = plan

  assert {
    condition     = !module.platform.parts.cluster.endpoint_public_access
    error_message = "the staging API endpoint must be private."
  }

  assert {
    condition = alltrue([for name, group in module.platform.parts.cluster.node_groups :
      lookup(group.tags, "k8s.io/cluster-autoscaler/platform-staging", "") == "owned"
    ])
    error_message = "every staging node group carries the Cluster Autoscaler tag of platform-staging."
  }

  assert {
    condition     = output.environment == "staging" && output.namespace == "platform-staging"
    error_message = "the outputs name the staging overlay and namespace."
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
