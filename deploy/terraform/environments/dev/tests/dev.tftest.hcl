# Dev's invariants, asserted on the planned resources with a mocked AWS provider (no credentials, no network);
# shared/testing holds the values a real account would compute. Dev is small, but still encrypted and closed.
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
run "spans_two_zones_behind_one_nat_gateway_with_nodes_in_each" {
  command = apply

  assert {
    condition     = length(module.platform.parts.network.zones) == 2
    error_message = "dev spans 2 availability zones."
  }

  assert {
    condition     = length(module.platform.parts.network.nat_gateway_zones) == 1
    error_message = "dev shares a single NAT gateway."
  }

  assert {
    condition     = alltrue([for zone, nat_zone in module.platform.parts.network.private_egress_nat_zone : nat_zone == module.platform.parts.network.nat_gateway_zones[0]])
    error_message = "every dev zone leaves through the one NAT gateway."
  }

  assert {
    condition = alltrue([for pool in ["system", "workload"] :
      sort([for group in module.platform.parts.cluster.node_groups : group.zone if group.pool == pool]) == sort(module.platform.parts.network.zones)
    ])
    error_message = "each node pool needs a node group in every zone."
  }

  assert {
    condition     = alltrue([for group in module.platform.parts.cluster.node_groups : group.capacity_type == "ON_DEMAND" if group.pool == "system"])
    error_message = "the system pool stays on demand even in dev."
  }
}

run "redis_is_a_single_encrypted_node_with_daily_snapshots" {
  command = plan

  assert {
    condition     = module.platform.parts.redis.replication_group.num_cache_clusters == 1 && !module.platform.parts.redis.replication_group.multi_az_enabled
    error_message = "dev Redis is one node without Multi-AZ."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.transit_encryption_enabled && module.platform.parts.redis.replication_group.at_rest_encryption_enabled
    error_message = "dev Redis still encrypts in transit and at rest."
  }

  assert {
    condition     = module.platform.parts.redis.replication_group.snapshot_retention_limit >= 1 && module.platform.parts.redis.replication_group.maxmemory_policy == "noeviction"
    error_message = "dev Redis keeps a daily snapshot and never evicts keys."
  }
}

run "images_are_immutable_scanned_and_encrypted" {
  command = plan

  assert {
    condition = alltrue([for repository in module.platform.parts.registry.repositories :
      repository.image_tag_mutability == "IMMUTABLE" && repository.scan_on_push && repository.encryption_type == "KMS"
    ])
    error_message = "every repository must have immutable tags, scan on push and KMS encryption."
  }
}

run "public_endpoint_is_restricted_and_secrets_are_kms_encrypted" {
  command = plan

  assert {
    condition     = module.platform.parts.cluster.endpoint_private_access
    error_message = "the private endpoint is always on."
  }

  assert {
    condition     = !module.platform.parts.cluster.endpoint_public_access || alltrue([for cidr in var.public_access_cidrs : !endswith(cidr, "/0")])
    error_message = "a public dev endpoint is open to listed CIDRs only."
  }

  assert {
    condition     = module.platform.parts.cluster.encrypted_resources == toset(["secrets"])
    error_message = "Kubernetes Secrets must be envelope-encrypted with the cluster's KMS key."
  }

  assert {
    condition     = module.platform.parts.cluster.network_policy_enforced
    error_message = "the cluster must enforce the manifests' NetworkPolicies."
  }

  assert {
    condition     = alltrue([for key in values(module.platform.parts.secrets.secret_kms_key_ids) : key == module.platform.parts.secrets.kms_key_arn])
    error_message = "every Secrets Manager entry must be encrypted with the customer-managed key."
  }
}

run "only_the_load_balancer_is_open_to_the_internet" {
  command = plan

  assert {
    condition = alltrue([for name, rule in module.platform.parts.cluster.security_group_rules :
      rule.direction != "ingress" || rule.cidr_ipv4 != "0.0.0.0/0" || (rule.group == "ingress" && rule.from_port == 443 && rule.to_port == 443)
    ])
    error_message = "only the ingress load balancer's 443 may be open to 0.0.0.0/0."
  }

  assert {
    condition = alltrue([for name, rule in module.platform.parts.cluster.security_group_rules :
      rule.direction != "egress" || rule.cidr_ipv4 != "0.0.0.0/0" || (rule.protocol == "tcp" && rule.from_port == 443 && rule.to_port == 443)
    ])
    error_message = "egress to the internet is HTTPS only."
  }
}

run "node_groups_carry_the_cluster_autoscaler_tags" {
  command = plan

  assert {
    condition = alltrue([for name, group in module.platform.parts.cluster.node_groups :
      lookup(group.tags, "k8s.io/cluster-autoscaler/platform-dev", "") == "owned" &&
      lookup(module.platform.parts.cluster.autoscaler_asg_tags, "${name}|k8s.io/cluster-autoscaler/node-template/label/node-pool", "") == group.pool
    ])
    error_message = "every node group and its Auto Scaling group need the Cluster Autoscaler tags."
  }
}

run "refuses_one_zone" {
  command = plan

  variables {
    availability_zone_count = 1
  }

  expect_failures = [var.availability_zone_count]
}
