mock_provider "aws" {
  source = "../../shared/testing"
}

variables {
  name                        = "platform-test"
  vpc_id                      = "vpc-0123456789abcdef0"
  subnet_ids                  = ["subnet-0a", "subnet-0b", "subnet-0c"]
  client_security_group_id    = "sg-0fedcba9876543210"
  node_type                   = "cache.t4g.small"
  replicas                    = 1
  multi_az                    = true
  snapshot_retention_days     = 7
  auth_token                  = "a-sixty-four-character-token-0123456789abcdefghijklmnopqrstuv"
  connection_string_secret_id = "platform-test/redis-connection-string"
}

run "replication_group_is_encrypted_failing_over_and_never_evicts" {
  command = apply

  assert {
    condition = (aws_elasticache_replication_group.this.transit_encryption_enabled &&
      aws_elasticache_replication_group.this.at_rest_encryption_enabled &&
      aws_elasticache_replication_group.this.automatic_failover_enabled &&
    aws_elasticache_replication_group.this.multi_az_enabled)
    error_message = "encrypted in transit and at rest, Multi-AZ with automatic failover."
  }

  assert {
    condition     = one([for p in aws_elasticache_parameter_group.this.parameter : p.value if p.name == "maxmemory-policy"]) == "noeviction"
    error_message = "the parameter group sets maxmemory-policy noeviction."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.redis_from_clients.referenced_security_group_id == "sg-0fedcba9876543210" && aws_vpc_security_group_ingress_rule.redis_from_clients.from_port == 6379
    error_message = "only the clients' security group reaches Redis, on its port."
  }

  assert {
    condition     = startswith(aws_secretsmanager_secret_version.connection_string.secret_string, "master.mocked.abcdef.euw1.cache.amazonaws.com:6379,password=") && strcontains(aws_secretsmanager_secret_version.connection_string.secret_string, "ssl=true")
    error_message = "the connection string names the primary endpoint, the AUTH token and TLS."
  }
}

run "refuses_multi_az_without_a_replica" {
  command = plan

  variables {
    replicas = 0
  }

  expect_failures = [var.multi_az]
}

run "refuses_an_auth_token_elasticache_rejects" {
  command = plan

  variables {
    auth_token = "short/@"
  }

  expect_failures = [var.auth_token]
}

run "refuses_running_without_snapshots" {
  command = plan

  variables {
    snapshot_retention_days = 0
  }

  expect_failures = [var.snapshot_retention_days]
}
