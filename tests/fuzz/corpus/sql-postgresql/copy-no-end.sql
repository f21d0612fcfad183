COPY t FROM stdin;
1	2
