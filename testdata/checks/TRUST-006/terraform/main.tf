resource "aws_iam_role" "fail_star" {
  name = "app"
  assume_role_policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "*" }]
  })
}

resource "aws_iam_role" "pass_assume_role" {
  name = "app-ok"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/ci" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
}
