-- A failed job keeps the kind of its failure in the engine's own terms (`engine::FailKind`)
-- instead of the GES error code it used to keep: the code each API surface shows for a kind is
-- the `api` crate's. The jobs the store failed itself (a restart, a lost lease, too many
-- attempts, a missed cancel deadline) had the same code as runs refused for their graph; their
-- reasons tell them apart.
UPDATE jobs SET error_code = CASE
    WHEN error_code = 'GES.8301' THEN 'run_failed'
    WHEN error_code = 'GES.8011' THEN 'export_failed'
    WHEN error_code = 'GES.8013' THEN 'import_failed'
    WHEN fail_reason LIKE 'interrupted%' OR fail_reason LIKE 'gave up after %'
        OR fail_reason LIKE 'cancelled by %' THEN 'abandoned'
    ELSE 'refused'
END
WHERE error_code IS NOT NULL;
