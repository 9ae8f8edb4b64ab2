# Remote state in the bucket shared/bootstrap creates; the values are in backend.hcl:
#   terraform init -backend-config=backend.hcl
terraform {
  backend "s3" {}
}
