# The invariants every environment of production's topology holds, asserted once on the composition's planned
# resources with production-like inputs and a mocked AWS provider (no credentials, no network); shared/testing
# holds the values a real account would compute. The environments' own tests assert what tells them apart.
mock_provider "aws" {
  source = "../../shared/testing"
}

# A mocked data source returns an empty zone list; plan against the zones eu-west-1 really has.
override_data {
  target = module.network.data.aws_availability_zones.available
  values = {
    names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  }
}

variables {
  environment = "production"
  region      = "eu-west-1"
  topology = {
    nat_gateway_per_zone = true
    redis_multi_az       = true
    spot_allowed         = false
  }
  retention = {
    flow_log_days               = 90
    cluster_log_days            = 365
    redis_log_days              = 90
    releases                    = 50
    secret_recovery_window_days = 30
  }
  vpc_cidr                = "10.30.0.0/16"
  availability_zone_count = 3
  kubernetes_version      = "1.31"
  node_pools = {
    system   = { instance_types = ["m7i.large"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 2 }
    workload = { instance_types = ["m7i.xlarge"], min_per_zone = 1, desired_per_zone = 2, max_per_zone = 6 }
  }
  redis_node_type               = "cache.r7g.large"
  redis_replicas                = 2
  redis_snapshot_retention_days = 7
  dns_zone_name                 = "example.com"
  gateway_host                  = "platform.example.com"
}

# The first run applies against the mocks, so computed values exist; the later runs plan on top of that state.
run "spans_three_zones_with_subnets_nat_and_nodes_in_each" {
  command = apply

  assert {
    condition     = length(module.network.zones) == 3 && length(distinct(module.network.zones)) == 3
    error_message = "the environment must span its 3 distinct availability zones."
  }

  assert {
    condition = alltrue([for zone in module.network.zones :
      contains(keys(module.network.public_subnet_ids), zone) &&
      contains(keys(module.network.private_subnet_ids), zone) &&
      contains(keys(module.network.data_subnet_ids), zone)
    ])
    error_message = "every zone needs a public, a private and a data subnet."
  }

  assert {
    condition     = sort(module.network.nat_gateway_zones) == sort(module.network.zones)
    error_message = "a NAT gateway per zone means one in each zone."
  }

  assert {
    condition     = alltrue([for zone, nat_zone in module.network.private_egress_nat_zone : zone == nat_zone])
    error_message = "each zone's private subnets must leave through the NAT gateway of their own zone."
  }

  assert {
    condition = alltrue([for pool in ["system", "workload"] :
      sort([for group in module.cluster.node_groups : group.zone if group.pool == pool]) == sort(module.network.zones)
    ])
    error_message = "each node pool needs a node group in every zone."
  }

  assert {
    condition     = alltrue([for group in module.cluster.node_groups : group.min_size >= 1 && group.capacity_type == "ON_DEMAND"])
    error_message = "without spot, node groups keep at least one on-demand node per zone."
  }
}

run "redis_fails_over_across_zones_encrypted_and_backed_up" {
  command = plan

  assert {
    condition     = module.redis.replication_group.multi_az_enabled && module.redis.replication_group.automatic_failover_enabled
    error_message = "Multi-AZ Redis must be Multi-AZ with automatic failover."
  }

  assert {
    condition     = module.redis.replication_group.num_cache_clusters >= 2
    error_message = "Multi-AZ Redis needs a primary and at least one replica."
  }

  assert {
    condition     = module.redis.replication_group.transit_encryption_enabled && module.redis.replication_group.at_rest_encryption_enabled && module.redis.replication_group.kms_key_id != null
    error_message = "Multi-AZ Redis must encrypt in transit and at rest with a KMS key."
  }

  assert {
    condition     = module.redis.replication_group.snapshot_retention_limit >= 7 && module.redis.replication_group.final_snapshot_identifier != null
    error_message = "Multi-AZ Redis keeps at least 7 daily snapshots and a final snapshot."
  }

  assert {
    condition     = module.redis.replication_group.maxmemory_policy == "noeviction"
    error_message = "Redis holds state: maxmemory-policy must be noeviction."
  }
}

run "images_are_immutable_scanned_and_encrypted" {
  command = plan

  assert {
    condition     = sort(keys(module.registry.repositories)) == sort(["base", "gateway", "models", "agents"])
    error_message = "one repository per image: base, gateway, models, agents."
  }

  assert {
    condition = alltrue([for repository in module.registry.repositories :
      repository.image_tag_mutability == "IMMUTABLE" && repository.scan_on_push && repository.encryption_type == "KMS"
    ])
    error_message = "every repository must have immutable tags, scan on push and KMS encryption."
  }

  assert {
    condition     = alltrue([for repository in module.registry.repositories : strcontains(repository.lifecycle_policy, "imageCountMoreThan")])
    error_message = "every repository expires releases beyond the last N."
  }
}

run "api_endpoint_is_private_and_secrets_are_kms_encrypted" {
  command = plan

  assert {
    condition     = module.cluster.endpoint_private_access && !module.cluster.endpoint_public_access
    error_message = "the API endpoint must be private unless public access is asked for."
  }

  assert {
    condition     = module.cluster.encrypted_resources == toset(["secrets"]) && module.cluster.secrets_encryption_key_arn != null
    error_message = "Kubernetes Secrets must be envelope-encrypted with the cluster's KMS key."
  }

  assert {
    condition     = module.cluster.network_policy_enforced
    error_message = "the cluster must enforce the manifests' NetworkPolicies."
  }

  assert {
    condition     = alltrue([for key in values(module.secrets.secret_kms_key_ids) : key == module.secrets.kms_key_arn])
    error_message = "every Secrets Manager entry must be encrypted with the customer-managed key."
  }

  assert {
    condition = alltrue([for name in ["llm", "redis-auth-token", "redis-connection-string", "gateway-credentials", "gateway-identity-signing-key", "grafana-admin-password"] :
      contains(keys(module.secrets.secret_names), name)
    ])
    error_message = "every secret the manifests reference needs a Secrets Manager entry."
  }
}

run "only_the_load_balancer_is_open_to_the_internet_and_every_egress_is_stated" {
  command = plan

  assert {
    condition = alltrue([for name, rule in module.cluster.security_group_rules :
      rule.direction != "ingress" || rule.cidr_ipv4 != "0.0.0.0/0" || (rule.group == "ingress" && rule.from_port == 443 && rule.to_port == 443)
    ])
    error_message = "only the ingress load balancer's 443 may be open to 0.0.0.0/0."
  }

  assert {
    condition = sort([for name, rule in module.cluster.security_group_rules : name if rule.direction == "egress"]) == sort([
      "cluster-to-nodes-api", "cluster-to-nodes-high", "ingress-to-nodes", "nodes-to-cluster-api",
      "nodes-to-https-anywhere", "nodes-to-nodes-all", "nodes-to-vpc-dns-tcp", "nodes-to-vpc-dns-udp",
    ])
    error_message = "egress rules must be exactly the stated ones."
  }

  assert {
    condition = alltrue([for name, rule in module.cluster.security_group_rules :
      rule.direction != "egress" || rule.cidr_ipv4 != "0.0.0.0/0" || (rule.protocol == "tcp" && rule.from_port == 443 && rule.to_port == 443)
    ])
    error_message = "egress to the internet is HTTPS only."
  }
}

run "node_groups_carry_the_cluster_autoscaler_tags" {
  command = plan

  assert {
    condition = alltrue([for name, group in module.cluster.node_groups :
      lookup(group.tags, "k8s.io/cluster-autoscaler/enabled", "") == "true" &&
      lookup(group.tags, "k8s.io/cluster-autoscaler/platform-production", "") == "owned"
    ])
    error_message = "every node group needs the Cluster Autoscaler discovery tags."
  }

  assert {
    condition = alltrue([for name, group in module.cluster.node_groups :
      lookup(module.cluster.autoscaler_asg_tags, "${name}|k8s.io/cluster-autoscaler/enabled", "") == "true" &&
      lookup(module.cluster.autoscaler_asg_tags, "${name}|k8s.io/cluster-autoscaler/node-template/label/topology.kubernetes.io/zone", "") == group.zone
    ])
    error_message = "every Auto Scaling group needs the discovery and zone node-template tags."
  }
}

run "refuses_a_public_endpoint_without_cidrs" {
  command = plan

  variables {
    endpoint_public_access = true
    public_access_cidrs    = []
  }

  expect_failures = [var.public_access_cidrs]
}

run "refuses_a_public_endpoint_open_to_the_world" {
  command = plan

  variables {
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
  }

  expect_failures = [var.public_access_cidrs]
}

run "refuses_multi_az_redis_without_a_replica" {
  command = plan

  variables {
    redis_replicas = 0
  }

  expect_failures = [var.redis_replicas]
}

run "refuses_spot_nodes_without_the_spot_topology" {
  command = plan

  variables {
    node_pools = {
      system   = { instance_types = ["m7i.large"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 2 }
      workload = { instance_types = ["m7i.xlarge"], capacity_type = "SPOT", min_per_zone = 1, desired_per_zone = 1, max_per_zone = 3 }
    }
  }

  expect_failures = [var.node_pools]
}

run "refuses_an_empty_pool_without_the_spot_topology" {
  command = plan

  variables {
    node_pools = {
      system   = { instance_types = ["m7i.large"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 2 }
      workload = { instance_types = ["m7i.xlarge"], min_per_zone = 0, desired_per_zone = 1, max_per_zone = 3 }
    }
  }

  expect_failures = [var.node_pools]
}

run "the_spot_topology_takes_spot_nodes_and_a_single_redis_node" {
  command = plan

  variables {
    topology = {
      nat_gateway_per_zone = false
      redis_multi_az       = false
      spot_allowed         = true
    }
    redis_replicas = 0
    node_pools = {
      system   = { instance_types = ["t3.medium"], min_per_zone = 1, desired_per_zone = 1, max_per_zone = 1 }
      workload = { instance_types = ["t3.large"], capacity_type = "SPOT", min_per_zone = 0, desired_per_zone = 1, max_per_zone = 2 }
    }
  }

  assert {
    condition     = contains([for group in module.cluster.node_groups : group.capacity_type if group.pool == "workload"], "SPOT")
    error_message = "the spot topology plans spot workload nodes."
  }

  assert {
    condition     = length(module.network.nat_gateway_zones) == 1 && !module.redis.replication_group.multi_az_enabled
    error_message = "without a NAT gateway per zone and Multi-AZ Redis, one NAT gateway and one Redis node are planned."
  }
}

run "refuses_one_zone" {
  command = plan

  variables {
    availability_zone_count = 1
  }

  expect_failures = [var.availability_zone_count]
}
