#!/bin/sh
# Prints the personnel benchmark model at N employees, the same text as
# Benchmarks/PersonnelBenchmark/PersonnelModel.swift writes: 27 formula cells per employee.
#   sh Benchmarks/xlsx-c/personnel-model.sh 37000 > /tmp/personnel-37000.kalkyl
n=${1:-37000}
awk -v n="$n" 'BEGIN {
    print "model \"Personnel benchmark\""
    print "timeline monthly 2021-01 .. 2021-12"
    line = "dimension employee = "
    for (i = 0; i < n; i++) line = line (i ? ", " : "") "e" i
    print line
    print "input salary[employee]: kr = 40_000"
    print "input start[employee] = 1"
    print "input budget[employee]: kr = 500_000"
    print "input payroll_overhead = 46.15%"
    print "input hiring_stop = 0"
    print "input stop_month = 7"
    print "input month_number[month] = 1"
    for (m = 2; m <= 12; m++) printf "input month_number[2021-%02d] = %d\n", m, m
    print "active[employee, month] = IF(AND(hiring_stop = 1, start >= stop_month), 0, IF(month_number >= start, 1, 0))"
    print "cost[employee, month]: kr = salary * (1 + payroll_overhead) * active"
    print "total[employee]: kr = SUM(cost)"
    print "variance[employee]: kr = total - budget"
    print "variance_pct[employee] = IF(budget = 0, 0, variance / budget)"
    print "headcount[month] = SUM(active[employee])"
    print "total_cost[month]: kr = SUM(cost[employee])"
    print "year_headcount = SUM(headcount)"
    print "year_cost: kr = SUM(total_cost)"
    print "cost_ytd[month]: kr = YTD(total_cost)"
}'
