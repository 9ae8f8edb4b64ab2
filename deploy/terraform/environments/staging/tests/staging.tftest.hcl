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

run "has_stagings_zones_sizes_and_names" {
  command = apply

  assert {
    condition     = length(module.platform.parts.network.zones) == 3 && length(module.platform.parts.network.nat_gateway_zones) == 3
    error_message = "staging spans 3 availability zones with a NAT gateway in each."
  }

  assert {
    condition     = length(module.platform.parts.cluster.node_groups) == 3 * length(var.node_pools)
    error_message = "staging runs a node group per pool in each of its 3 zones."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.multi_az_enabled && module.platform.parts.redis.replication_group.num_cache_clusters == 2
    error_message = "staging Redis is Multi-AZ with 2 nodes (terraform.tfvars)."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.snapshot_retention_limit >= 3
    error_message = "staging Redis keeps its daily snapshots (3 at least)."
  }

  assert {
    condition     = !module.platform.parts.cluster.endpoint_public_access
    error_message = "the staging API endpoint is private."
  }

  assert {
    condition = output.environment == "staging" && output.namespace == "platform-staging" && alltrue([for name, group in module.platform.parts.cluster.node_groups :
      lookup(group.tags, "k8s.io/cluster-autoscaler/platform-staging", "") == "owned"
    ])
    error_message = "the outputs and the node groups' Cluster Autoscaler tags name platform-staging."
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
