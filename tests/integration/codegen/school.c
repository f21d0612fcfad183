/* school.c: the school scenario on the generated code: enrollments with enrolled_at and grade, both ways, unlink. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "school.h"
#include "scenario.h"

#define ERRMSG school_errmsg

/* A student's courses with the grades, through the association object. */
static void
print_enrollments (SchoolDb *db, const Student *student)
{
  EnrollmentList enrollments = { NULL, 0 };
  size_t i;

  CHECK (student_enrollments (db, student, &enrollments));
  for (i = 0; i < enrollments.len; i++)
    {
      const Enrollment *e = &enrollments.items[i];
      Course *course = NULL;
      Student *back = NULL;

      CHECK (enrollment_course (db, e, &course));
      CHECK (enrollment_student (db, e, &back));
      EXPECT (back->id == student->id);
      EXPECT (e->enrolled_at != NULL && e->enrolled_at[0] != '\0');
      printf ("%s: %s %s, %lld credits, grade %s\n", back->name, course->code, course->title,
              (long long) course->credits, e->grade != NULL ? e->grade : "(none)");
      course_free (course);
      student_free (back);
    }
  enrollment_list_clear (&enrollments);
}

static void
print_courses (SchoolDb *db, const Student *student)
{
  CourseList courses = { NULL, 0 };
  size_t i;

  CHECK (student_courses (db, student, &courses));
  printf ("%s takes:", student->name);
  for (i = 0; i < courses.len; i++)
    printf (" %s", courses.items[i].code);
  printf ("\n");
  course_list_clear (&courses);
}

static void
print_students (SchoolDb *db, const Course *course)
{
  StudentList students = { NULL, 0 };
  size_t i;

  CHECK (course_students (db, course, &students));
  printf ("%s has:", course->code);
  for (i = 0; i < students.len; i++)
    printf (" %s", students.items[i].name);
  printf ("\n");
  student_list_clear (&students);
}

int
main (int argc, char **argv)
{
  SchoolDb *db = scenario_open (argc, argv);
  Student ann = { 0 }, bob = { 0 };
  Course math = { 0 }, hist = { 0 };
  Enrollment e = { 0 };
  Enrollment *got = NULL;

  ann.name = "Ann";
  ann.email = "ann@example.org";
  bob.name = "Bob";
  bob.email = NULL;
  CHECK (student_insert (db, &ann));
  CHECK (student_insert (db, &bob));

  math.code = "MATH101";
  math.title = "Algebra";
  math.credits = 5;
  hist.code = "HIST200";
  hist.title = "History";
  hist.credits_is_null = true;   /* the column's default, 3 */
  CHECK (course_insert (db, &math));
  CHECK (course_insert (db, &hist));

  /* Enrolling with attributes goes through the association object itself. */
  e.student_id = ann.id;
  e.course_id = math.id;
  e.enrolled_at = "2024-09-02 08:30:00";
  e.grade = "A";
  CHECK (enrollment_insert (db, &e));
  e.course_id = hist.id;
  e.enrolled_at = NULL;          /* the default: now */
  e.grade = NULL;
  CHECK (enrollment_insert (db, &e));
  /* A plain link takes the defaults of every link attribute. */
  CHECK (enrollment_link (db, &bob, &math));

  print_enrollments (db, &ann);
  print_enrollments (db, &bob);
  print_courses (db, &ann);
  print_students (db, &math);

  /* A grade given later, through get → update. */
  CHECK (enrollment_get (db, bob.id, math.id, &got));
  EXPECT (got->grade == NULL);
  got->grade = scenario_strdup ("B+");
  CHECK (enrollment_update (db, got));
  enrollment_free (got);
  got = NULL;
  print_enrollments (db, &bob);

  /* The same enrollment twice is refused by the link table's key. */
  EXPECT_REFUSED (enrollment_link (db, &ann, &math), SCHOOL_CONSTRAINT);
  printf ("second enrollment refused\n");

  CHECK (enrollment_unlink (db, &ann, &hist));
  EXPECT_STATUS (enrollment_unlink (db, &ann, &hist), SCHOOL_NOT_FOUND);
  print_courses (db, &ann);
  print_students (db, &hist);

  /* Deleting a student cascades to the enrollments. */
  CHECK (student_delete (db, bob.id));
  EXPECT_STATUS (enrollment_get (db, bob.id, math.id, &got), SCHOOL_NOT_FOUND);
  print_students (db, &math);

  scenario_close (db);
  return 0;
}
