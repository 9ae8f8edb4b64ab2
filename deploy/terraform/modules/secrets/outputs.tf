output "secret_names" {
  description = "Secrets Manager name per Kubernetes Secret name (the remote key of each ExternalSecret)."
  value       = { for name, secret in aws_secretsmanager_secret.this : name => secret.name }
}

output "secret_arns" {
  description = "ARN per Kubernetes Secret name."
  value       = { for name, secret in aws_secretsmanager_secret.this : name => secret.arn }
}

output "secret_kms_key_ids" {
  description = "KMS key of each secret as planned (all the module's customer-managed key)."
  value       = { for name, secret in aws_secretsmanager_secret.this : name => secret.kms_key_id }
}

output "kms_key_arn" {
  description = "Key that encrypts every secret."
  value       = aws_kms_key.secrets.arn
}

output "external_secrets_role_arn" {
  description = "IRSA role of the SecretStore's service account."
  value       = aws_iam_role.external_secrets.arn
}

output "service_account" {
  description = "Service account the External Secrets role trusts, in namespace."
  value       = var.service_account
}

output "redis_auth_token" {
  description = "AUTH token of the managed Redis, as first generated."
  value       = aws_secretsmanager_secret_version.generated["redis-auth-token"].secret_string
  sensitive   = true
}

output "redis_connection_string_secret_id" {
  description = "Secret the redis module writes the connection string into."
  value       = aws_secretsmanager_secret.this["redis-connection-string"].id
}
