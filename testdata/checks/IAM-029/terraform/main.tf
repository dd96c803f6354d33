# IAM-029 (workload-role-privileged) fixture.
resource "aws_iam_role" "admin" {
  name               = "admin-fn"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_lambda_function" "fail_admin_function" {
  function_name = "resize"
  role          = aws_iam_role.admin.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "resize.zip"
}

resource "aws_iam_role" "iam_full" {
  name               = "iam-task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "iam"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })
  }
}

resource "aws_ecs_task_definition" "fail_task" {
  family                = "task"
  task_role_arn         = aws_iam_role.iam_full.arn
  container_definitions = "[]"
}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "read"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "logs:PutLogEvents"], Resource = "*" }] })
  }
}

resource "aws_lambda_function" "pass_function" {
  function_name = "reader"
  role          = aws_iam_role.reader.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "reader.zip"
}

# A role outside the scan is not judged.
resource "aws_lambda_function" "pass_external_role" {
  function_name = "external"
  role          = "arn:aws:iam::123456789012:role/external"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "external.zip"
}
