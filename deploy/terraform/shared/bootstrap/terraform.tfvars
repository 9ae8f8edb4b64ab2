# Replace 123456789012 with the account id: bucket names are global.
state_bucket_name = "platform-tfstate-123456789012"
