resource "aws_iam_role" "fail_not_principal" {
  name = "app"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect       = "Allow"
      NotPrincipal = { AWS = "arn:aws:iam::111122223333:user/mallory" }
      Action       = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "pass_deny_not_principal" {
  name = "guarded"
  assume_role_policy = jsonencode({
    Statement = [
      { Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" },
      { Effect = "Deny", NotPrincipal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" },
    ]
  })
}
