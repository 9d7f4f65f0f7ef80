/*
 * A submission saved by a Korean Windows editor, in CP949 (this file is
 * its UTF-8 form: tests/cmd/grade_bytes.sh makes the CP949 bytes with
 * iconv): Korean comments and a Korean string literal, and a missing
 * semicolon. gcc's error quotes the source line in the file's own bytes.
 */
#include <stdio.h>

/* 에코 서버: 클라이언트가 보낸 것을 그대로 돌려줍니다 */
int main(int argc, char **argv)
{
	(void)argc;
	/* The missing semicolon is the point: */
	/* clang-format off */
	printf("안녕하세요, 서버를 시작합니다: %s\n", argv[1])
	return 0;
	/* clang-format on */
}
