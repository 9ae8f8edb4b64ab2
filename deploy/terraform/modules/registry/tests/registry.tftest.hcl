mock_provider "aws" {
  source = "../../shared/testing"
}

variables {
  name = "platform-test"
}

run "repositories_are_immutable_scanned_encrypted_and_pruned" {
  command = plan

  assert {
    condition     = sort(keys(aws_ecr_repository.this)) == sort(["agents", "base", "gateway", "models"])
    error_message = "one repository per image."
  }

  assert {
    condition = alltrue([for repository in aws_ecr_repository.this :
      repository.image_tag_mutability == "IMMUTABLE" && repository.image_scanning_configuration[0].scan_on_push && repository.encryption_configuration[0].encryption_type == "KMS"
    ])
    error_message = "tags are immutable, pushes scanned, content KMS-encrypted."
  }

  assert {
    condition     = alltrue([for policy in aws_ecr_lifecycle_policy.this : jsondecode(policy.policy).rules[1].selection.countNumber == 30])
    error_message = "the lifecycle policy keeps the last keep_releases images."
  }
}

run "refuses_keeping_fewer_than_five_releases" {
  command = plan

  variables {
    keep_releases = 2
  }

  expect_failures = [var.keep_releases]
}
