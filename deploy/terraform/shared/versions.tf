# The one place provider and Terraform versions are pinned. Every root configuration (the bootstrap and each
# environment) links this file as its own versions.tf, so they can never drift apart.
terraform {
  required_version = ">= 1.11.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "= 5.100.0"
    }
  }
}
