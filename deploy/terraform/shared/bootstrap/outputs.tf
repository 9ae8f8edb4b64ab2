output "state_bucket" {
  description = "Value of bucket in every environment's backend.hcl."
  value       = aws_s3_bucket.state.bucket
}

output "lock_table" {
  description = "Value of dynamodb_table in every environment's backend.hcl."
  value       = aws_dynamodb_table.lock.name
}

output "kms_key_arn" {
  description = "Value of kms_key_id in every environment's backend.hcl."
  value       = aws_kms_key.state.arn
}
