-- tests: bonus_inputs
-- The bonus rows' net sales add up to company net sales (bonus.md).
SELECT c.period, c.net_sales, sum(b.net_sales) AS rows_net
FROM company_month c LEFT JOIN bonus_inputs b USING (period)
GROUP BY c.period, c.net_sales
HAVING c.net_sales <> coalesce(sum(b.net_sales), 0)
