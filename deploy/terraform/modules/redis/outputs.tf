output "primary_endpoint" {
  description = "Writer endpoint; follows the primary across failovers."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint" {
  description = "Reader endpoint over the replicas."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "TLS port of the endpoints."
  value       = local.port
}

output "security_group_id" {
  description = "Security group of the replication group."
  value       = aws_security_group.redis.id
}

output "replication_group" {
  description = "The replication group as planned: topology, encryption and backups."
  value = {
    num_cache_clusters         = aws_elasticache_replication_group.this.num_cache_clusters
    automatic_failover_enabled = aws_elasticache_replication_group.this.automatic_failover_enabled
    multi_az_enabled           = aws_elasticache_replication_group.this.multi_az_enabled
    transit_encryption_enabled = aws_elasticache_replication_group.this.transit_encryption_enabled
    at_rest_encryption_enabled = aws_elasticache_replication_group.this.at_rest_encryption_enabled
    kms_key_id                 = aws_elasticache_replication_group.this.kms_key_id
    snapshot_retention_limit   = aws_elasticache_replication_group.this.snapshot_retention_limit
    final_snapshot_identifier  = aws_elasticache_replication_group.this.final_snapshot_identifier
    node_type                  = aws_elasticache_replication_group.this.node_type
    maxmemory_policy           = one([for p in aws_elasticache_parameter_group.this.parameter : p.value if p.name == "maxmemory-policy"])
  }
}
