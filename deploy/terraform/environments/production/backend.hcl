# Outputs of shared/bootstrap; replace 123456789012 with the account id.
bucket         = "platform-tfstate-123456789012"
key            = "environments/production/terraform.tfstate"
region         = "eu-west-1"
dynamodb_table = "platform-terraform-locks"
encrypt        = true
