mock_provider "aws" {
  source = "../testing"
}

# Plan only: the bucket is prevent_destroy, so an applied one could not be torn down after the test.
run "state_is_versioned_encrypted_private_and_locked" {
  command = plan

  assert {
    condition     = aws_s3_bucket_versioning.state.versioning_configuration[0].status == "Enabled"
    error_message = "state versions are kept."
  }

  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.state.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
    error_message = "state is encrypted with KMS."
  }

  assert {
    condition = (aws_s3_bucket_public_access_block.state.block_public_acls && aws_s3_bucket_public_access_block.state.block_public_policy &&
    aws_s3_bucket_public_access_block.state.ignore_public_acls && aws_s3_bucket_public_access_block.state.restrict_public_buckets)
    error_message = "the state bucket can never be public."
  }

  assert {
    condition     = aws_dynamodb_table.lock.hash_key == "LockID" && aws_dynamodb_table.lock.server_side_encryption[0].enabled
    error_message = "the lock table has the key the S3 backend expects, encrypted."
  }
}

run "refuses_an_invalid_bucket_name" {
  command = plan

  variables {
    state_bucket_name = "Not_A_Bucket"
  }

  expect_failures = [var.state_bucket_name]
}
