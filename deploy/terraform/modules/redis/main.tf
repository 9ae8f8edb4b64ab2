# ElastiCache for Redis OSS as the platform's store (rate limits, runs, reservations): encrypted in transit and
# at rest, AUTH-protected, snapshotted daily with a final snapshot on deletion, and never evicting keys.
locals {
  port = 6379
}

resource "aws_kms_key" "redis" {
  description             = "Encrypts the Redis data and snapshots of ${var.name}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = var.tags
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

# The platform keeps state in Redis, not a cache: a full Redis must refuse writes, never drop keys.
resource "aws_elasticache_parameter_group" "this" {
  name   = "${var.name}-redis${split(".", var.engine_version)[0]}"
  family = "redis${split(".", var.engine_version)[0]}"

  parameter {
    name  = "maxmemory-policy"
    value = "noeviction"
  }

  tags = var.tags
}

resource "aws_security_group" "redis" {
  name        = "${var.name}-redis"
  description = "Managed Redis: TLS from the cluster nodes only, no egress"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "redis_from_clients" {
  security_group_id            = aws_security_group.redis.id
  description                  = "redis-from-nodes"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = var.client_security_group_id
  tags                         = merge(var.tags, { Name = "redis-from-nodes" })
}

resource "aws_vpc_security_group_egress_rule" "clients_to_redis" {
  security_group_id            = var.client_security_group_id
  description                  = "nodes-to-redis"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = aws_security_group.redis.id
  tags                         = merge(var.tags, { Name = "nodes-to-redis" })
}

resource "aws_cloudwatch_log_group" "slow_log" {
  name              = "/aws/elasticache/${var.name}/slow-log"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.name
  description          = "Platform state store of ${var.name}"
  engine               = "redis"
  engine_version       = var.engine_version
  node_type            = var.node_type
  port                 = local.port
  parameter_group_name = aws_elasticache_parameter_group.this.name
  subnet_group_name    = aws_elasticache_subnet_group.this.name
  security_group_ids   = [aws_security_group.redis.id]

  num_cache_clusters         = 1 + var.replicas
  automatic_failover_enabled = var.replicas > 0
  multi_az_enabled           = var.multi_az

  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.redis.arn
  auth_token                 = var.auth_token

  snapshot_name             = var.restore_from_snapshot
  snapshot_retention_limit  = var.snapshot_retention_days
  snapshot_window           = var.snapshot_window
  final_snapshot_identifier = "${var.name}-final"
  maintenance_window        = var.maintenance_window

  auto_minor_version_upgrade = true

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.slow_log.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  tags = var.tags
}

# What the platform's clients read as ConnectionStrings__redis (StackExchange.Redis syntax).
resource "aws_secretsmanager_secret_version" "connection_string" {
  secret_id = var.connection_string_secret_id
  secret_string = join(",", [
    "${aws_elasticache_replication_group.this.primary_endpoint_address}:${local.port}",
    "password=${var.auth_token}",
    "ssl=true",
    "abortConnect=false",
  ])
}
